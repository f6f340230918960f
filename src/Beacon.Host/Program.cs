using Beacon.Server.Hosting;

// A Beacon node. Everything it does lives in Beacon.Server; see docs/operations.md for settings.
var app = BeaconApplication.Build(BeaconApplication.CreateBuilder(args));
await app.RunAsync();
