using Beacon.Server.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

// A Beacon node. Everything it does lives in Beacon.Server; see docs/operations.md for settings.
// A node that cannot start says why in one line, not a stack trace: exit code 2 for settings that
// break a rule, 1 for an address it cannot listen on.
try
{
    var app = BeaconApplication.Build(BeaconApplication.CreateBuilder(args));
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync($"beacon: invalid settings: {string.Join(" ", e.Failures)}");
    return 2;
}
catch (IOException e) when (e.InnerException is AddressInUseException)
{
    await Console.Error.WriteLineAsync($"beacon: cannot listen: {e.Message}");
    return 1;
}
