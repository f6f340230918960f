using Beacon.Core.Registry;

namespace Beacon.Server.Api;

/// <summary>The blocking half of long polling: wait until a revision moves, or time runs out.</summary>
internal static class RevisionWaiter
{
    /// <summary>
    /// Waits until the revision of <paramref name="service"/> differs from <paramref name="index"/>
    /// (at once if it already does). A service that does not exist yet has revision 0. Returns false
    /// when <paramref name="wait"/> passes first, or the node is stopping (<paramref name="stopping"/>):
    /// a waiter must not hold up a shutdown, it asks again (elsewhere).
    /// </summary>
    public static async Task<bool> WaitForServiceAsync(
        ServiceRegistry registry, string @namespace, string service, long index,
        TimeSpan wait, TimeProvider time, CancellationToken stopping, CancellationToken aborted)
    {
        using var timeout = new CancellationTokenSource(wait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping, aborted);
        while (true)
        {
            var state = registry.FindService(@namespace, service);
            // Take the signal before reading the revision: a change in between completes it.
            var signal = state is null ? registry.Changes.Appended.WaitAsync() : state.Changed.WaitAsync();
            if (state is null && registry.FindService(@namespace, service) is not null)
            {
                continue;
            }

            var revision = state?.Snapshot.Revision ?? 0;
            if (revision != index)
            {
                return true;
            }

            if (!await WaitAsync(signal, linked.Token, aborted))
            {
                return false;
            }
        }
    }

    /// <summary>Awaits <paramref name="signal"/>; false on timeout, throws if the client went away.</summary>
    public static async Task<bool> WaitAsync(Task signal, CancellationToken token, CancellationToken aborted)
    {
        try
        {
            await signal.WaitAsync(token);
            return true;
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return false;
        }
    }
}
