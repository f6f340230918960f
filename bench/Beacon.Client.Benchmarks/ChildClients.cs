using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Beacon.Client.Benchmarks;

/// <summary>
/// Clients in a child process of this benchmark (<c>watch-clients</c>, see <see cref="ClientProcess"/>),
/// driven over its standard input and output, one line per step. Its standard error is the harness's,
/// so its diagnostics (<c>BENCH_GC_TRACE</c>) show as they happen.
/// </summary>
internal sealed class ChildClients : ClientGroup
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;

    private ChildClients(Process process) => _process = process;

    public override TimeSpan ExtraCpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts a process of <paramref name="count"/> clients of <paramref name="node"/>; returns once they all watch.</summary>
    public static async Task<ChildClients> StartAsync(Uri node, int count, string service)
    {
        // The same entry point as this process: `dotnet Beacon.Client.Benchmarks.dll …` or the apphost.
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in (string[])["watch-clients", node.ToString(), count.ToString(CultureInfo.InvariantCulture), service])
        {
            start.ArgumentList.Add(argument);
        }

        var child = new ChildClients(Process.Start(start)!);
        await child.ExpectLineAsync("ready");
        return child;
    }

    public override async Task ArmAsync(string id, bool present)
    {
        await _process.StandardInput.WriteLineAsync($"arm {id} {(present ? "present" : "absent")}");
        await _process.StandardInput.FlushAsync();
        await ExpectLineAsync("armed");
    }

    public override async Task<GroupArrivals> ArrivedAsync()
    {
        var fields = (await ReadLineAsync()).Split(' ');
        if (fields[0] != "arrived")
        {
            throw new InvalidOperationException($"The clients' process said '{string.Join(' ', fields)}', not 'arrived'.");
        }

        return new GroupArrivals(
            [.. fields.Skip(5).Select(Long)],
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            TimeSpan.FromTicks(Long(fields[2])),
            Long(fields[3]),
            Long(fields[4]));
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception e) when (e is IOException or TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private async Task ExpectLineAsync(string expected)
    {
        var line = await ReadLineAsync();
        if (line != expected)
        {
            throw new InvalidOperationException($"The clients' process said '{line}', not '{expected}'.");
        }
    }

    private async Task<string> ReadLineAsync() =>
        await _process.StandardOutput.ReadLineAsync().WaitAsync(StepTimeout)
        ?? throw new InvalidOperationException($"The clients' process (pid {_process.Id}) ended.");

    private static long Long(string value) => long.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
