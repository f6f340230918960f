using System.Text;
using Beacon.Core;
using Beacon.Core.Changes;
using Beacon.Core.Model;
using Beacon.Core.Registry;
using Beacon.Server.Api;

namespace Beacon.Server.Tests;

public sealed class ChangeFramesTests
{
    private static List<Change> Changes(int count)
    {
        var registry = new ServiceRegistry(new RegistryOptions(), TimeProvider.System);
        for (var i = 0; i < count; i++)
        {
            registry.Register(new InstanceRegistration { Namespace = "default", Service = "orders", Id = $"o-{i}", Addresses = ["http://10.0.0.5:8080"] });
        }

        var changes = new List<Change>();
        registry.Changes.TryRead(registry.Changes.OldestRetained - 1, count, _ => true, changes, out _);
        return changes;
    }

    [Fact]
    public void AChange_IsEncodedOnce_ForEveryStream()
    {
        var change = Changes(1)[0];
        var frames = new ChangeFrames();

        Assert.Same(frames.Of(change), frames.Of(change));
    }

    [Fact]
    public void ChangesThatShareASlot_GetTheirOwnFrames_AndAnEvictedOneIsEncodedAgainTheSame()
    {
        var changes = Changes(1025);
        var frames = new ChangeFrames();
        var first = frames.Of(changes[0]);
        var sameSlot = frames.Of(changes[1024]); // 1,024 revisions later: the same slot

        Assert.Contains($"id: {changes[0].Revision}\n", Encoding.UTF8.GetString(first), StringComparison.Ordinal);
        Assert.Contains($"id: {changes[1024].Revision}\n", Encoding.UTF8.GetString(sameSlot), StringComparison.Ordinal);
        Assert.Contains("\"id\":\"o-1024\"", Encoding.UTF8.GetString(sameSlot), StringComparison.Ordinal);
        var again = frames.Of(changes[0]);
        Assert.NotSame(first, again);
        Assert.Equal(first, again);
    }
}
