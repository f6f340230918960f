using Beacon.Cli;

// `beacon`: see docs/cli.md. Everything lives in BeaconCli so tests run the very same code in-process.
return await BeaconCli.RunAsync(args, CliEnvironment.FromProcess());
