using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Cli.Tests;

/// <summary>register, deregister, set-status and set-weight change the node as they say.</summary>
[Trait("Category", "Integration")]
public sealed class WriteCommandTests : IAsyncLifetime
{
    private BeaconTestNode _node = null!;

    public async Task InitializeAsync() => _node = await BeaconTestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Register_WithEveryOption_StoresTheInstance()
    {
        var result = await Cli.RunAsync(_node.BaseAddress, "register", "orders", "o-1",
            "--address", "http://10.0.0.5:8080", "-a", "grpc://10.0.0.5:9090", "--zone", "eu-1a", "--weight", "40",
            "--version", "2.0", "--meta", "team=payments", "-m", "canary=true", "--lease-seconds", "60", "--heartbeat-seconds", "20");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Registered orders/o-1", result.Out, StringComparison.Ordinal);
        var stored = (await _node.Client.FindAsync("orders", "o-1"))!;
        Assert.Equal(["http://10.0.0.5:8080", "grpc://10.0.0.5:9090"], stored.Addresses);
        Assert.Equal(("eu-1a", 40, "2.0", 60, 20), (stored.Zone, stored.Weight, stored.Version, stored.LeaseSeconds, stored.HeartbeatSeconds));
        Assert.Equal(new Dictionary<string, string> { ["team"] = "payments", ["canary"] = "true" }, stored.Metadata);
    }

    [Fact]
    public async Task Register_Again_SaysUpdated()
    {
        await Cli.RunAsync(_node.BaseAddress, "register", "orders", "o-1", "-a", "http://10.0.0.5:8080");
        var result = await Cli.RunAsync(_node.BaseAddress, "register", "orders", "o-1", "-a", "http://10.0.0.6:8080");

        Assert.Contains("Updated orders/o-1", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_InvalidWeight_ExitsOneNamingTheField()
    {
        var result = await Cli.RunAsync(_node.BaseAddress, "register", "orders", "o-1", "-a", "http://10.0.0.5:8080", "--weight", "-1");

        Assert.Equal(ExitCodes.ServerError, result.ExitCode);
        Assert.Contains("'weight' must be between 0 and 10000", result.Error, StringComparison.Ordinal);
        Assert.Contains("[field: weight]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_MetaWithoutEquals_IsAUsageError()
    {
        var result = await Cli.RunAsync(_node.BaseAddress, "register", "orders", "o-1", "-a", "http://10.0.0.5:8080", "--meta", "oops");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--meta 'oops' is not key=value", result.Error, StringComparison.Ordinal);
        Assert.Null(await _node.Client.FindAsync("orders", "o-1"));
    }

    [Fact]
    public async Task Register_Heartbeat_RenewsUntilCancelledThenDeregisters()
    {
        using var stop = new CancellationTokenSource();
        var (exit, output, _) = Cli.Start(_node.BaseAddress, stop.Token,
            "register", "orders", "alive", "-a", "http://10.0.0.5:8080", "--lease-seconds", "2", "--heartbeat-seconds", "1", "--heartbeat");

        await Eventually.TrueAsync(async () => await _node.Client.FindAsync("orders", "alive") is not null, "the instance is registered");
        var first = (await _node.Client.FindAsync("orders", "alive"))!.LastRenewedAt;
        await Eventually.TrueAsync(async () => (await _node.Client.FindAsync("orders", "alive"))?.LastRenewedAt > first,
            "a heartbeat renews the lease");

        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Ok, await exit.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Null(await _node.Client.FindAsync("orders", "alive"));
        Assert.Contains("Deregistered orders/alive", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deregister_Known_RemovesIt_AndUnknown_ExitsOne()
    {
        await _node.Client.RegisterOkAsync("orders", "o-1");

        var removed = await Cli.RunAsync(_node.BaseAddress, "deregister", "orders", "o-1");
        var again = await Cli.RunAsync(_node.BaseAddress, "deregister", "orders", "o-1");

        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Null(await _node.Client.FindAsync("orders", "o-1"));
        Assert.Equal(ExitCodes.ServerError, again.ExitCode);
        Assert.Contains("instance-not-found", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetStatus_OutOfServiceThenNone_SetsAndClearsTheOverride()
    {
        await _node.Client.RegisterOkAsync("orders", "o-1");

        var taken = await Cli.RunAsync(_node.BaseAddress, "set-status", "orders", "o-1", "OUT_OF_SERVICE");
        var overridden = (await _node.Client.FindAsync("orders", "o-1"))!;
        var back = await Cli.RunAsync(_node.BaseAddress, "set-status", "orders", "o-1", "none");
        var restored = (await _node.Client.FindAsync("orders", "o-1"))!;

        Assert.True(taken.ExitCode == 0, taken.ToString());
        Assert.Contains("OUT_OF_SERVICE by operator override", taken.Out, StringComparison.Ordinal);
        Assert.Equal((InstanceStatus.OutOfService, InstanceStatus.OutOfService), (overridden.Status, overridden.StatusOverride));
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Equal((InstanceStatus.Up, (InstanceStatus?)null), (restored.Status, restored.StatusOverride));
    }

    [Fact]
    public async Task SetStatus_UnknownValue_IsAUsageError()
    {
        var result = await Cli.RunAsync(_node.BaseAddress, "set-status", "orders", "o-1", "SLEEPY");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("'SLEEPY' is not a status", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetWeight_ChangesTheWeight()
    {
        await _node.Client.RegisterOkAsync("orders", "o-1");

        var result = await Cli.RunAsync(_node.BaseAddress, "set-weight", "orders", "o-1", "25", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"weight\": 25", result.Out, StringComparison.Ordinal);
        Assert.Equal(25, (await _node.Client.FindAsync("orders", "o-1"))!.Weight);
    }
}
