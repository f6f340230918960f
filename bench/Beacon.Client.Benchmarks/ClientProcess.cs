using System.Globalization;
using System.Runtime;

namespace Beacon.Client.Benchmarks;

/// <summary>
/// The child side of <see cref="ChildClients"/> (<c>watch-clients node count service</c>): starts the
/// clients, then answers the harness line by line on standard output. Everything else this process
/// prints (the GC trace) goes to standard error, which is the harness's.
/// </summary>
internal static class ClientProcess
{
    public static async Task<int> RunAsync(Uri node, int count, string service)
    {
        var protocol = Console.Out;
        Console.SetOut(Console.Error);
        using var gcPhases = GcPhases.StartIfAsked();
        await using var clients = await LocalClients.StartAsync(node, count, service);
        await protocol.WriteLineAsync("ready");
        await protocol.FlushAsync();
        while (await Console.In.ReadLineAsync() is { } line && line != "quit")
        {
            var fields = line.Split(' ');
            var pause = GC.GetTotalPauseDuration();
            var collections = GC.CollectionCount(0);
            var allocated = GC.GetTotalAllocatedBytes();
            await clients.ArmAsync(fields[1], fields[2] == "present");
            await protocol.WriteLineAsync("armed");
            await protocol.FlushAsync();
            var arrivals = await clients.ArrivedAsync();
            await protocol.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"arrived {GC.CollectionCount(0) - collections} {(GC.GetTotalPauseDuration() - pause).Ticks} {GC.GetTotalAllocatedBytes() - allocated} {JitInfo.GetCompiledMethodCount()} {string.Join(' ', arrivals.Timestamps)}"));
            await protocol.FlushAsync();
        }

        return 0;
    }
}
