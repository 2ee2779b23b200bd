// The CDK app's entry (cdk.json "app"): `npx cdk synth` and `npx cdk deploy` run this file.
import { App } from 'aws-cdk-lib';
import { buildNetraApp } from './netra-app.ts';

buildNetraApp(new App());
