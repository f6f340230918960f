using Beacon.Contracts;
using Beacon.Core.Changes;

namespace Beacon.Server.Api;

/// <summary>
/// The SSE frames of recent changes, encoded once per change however many watch streams send it.
/// Kept here for the last <see cref="Slots"/> changes only, not on the change itself: the change log
/// holds 65,536 changes, and a frame riding on each (~700 bytes) made every frame live for seconds
/// under heavy writes, so the GC promoted them all to its oldest generation, only to see them die
/// there. Streams send a change within moments of each other; a stream that falls further behind
/// than the slots reach encodes the frame again (same bytes).
/// </summary>
internal sealed class ChangeFrames
{
    private const int Slots = 1024; // a power of two

    private readonly Entry?[] _recent = new Entry?[Slots];

    public byte[] Of(Change change)
    {
        ref var slot = ref _recent[change.Revision & (Slots - 1)];
        if (Volatile.Read(ref slot) is { } cached && cached.Revision == change.Revision)
        {
            return cached.Frame;
        }

        // Two streams racing here both encode; either result is the same bytes.
        var frame = WatchEndpoint.Frame("change", change.Revision,
            WireBytes.Of(InstanceMapper.ToInfo(change), BeaconJsonContext.Default.ChangeInfo));
        Volatile.Write(ref slot, new Entry(change.Revision, frame));
        return frame;
    }

    private sealed record Entry(long Revision, byte[] Frame);
}
