using Beacon.Samples.Frontend;

await FrontendApp.Build(args).RunAsync();
