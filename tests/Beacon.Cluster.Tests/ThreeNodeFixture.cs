using Beacon.TestKit;

namespace Beacon.Cluster.Tests;

/// <summary>One 3-node cluster shared by the tests of a class (each test uses its own service names).</summary>
public sealed class ThreeNodeFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await TestCluster.StartAsync(3);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
