using Beacon.TestKit;

namespace Beacon.Client.Tests.Support;

/// <summary>
/// A real node on a loopback port and a fresh folder for the SDK's disk cache, per test: what most
/// integration test classes start with. Both are gone after each test.
/// </summary>
public abstract class NodeTestBase : IAsyncLifetime
{
    protected TempDirectory Cache { get; } = new();

    // Settable: a test may stop the node and start another in its place; the last one is disposed.
    protected BeaconTestNode Node { get; set; } = null!;

    public async Task InitializeAsync() => Node = await Nodes.StartAsync();

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Cache.Dispose();
    }
}
