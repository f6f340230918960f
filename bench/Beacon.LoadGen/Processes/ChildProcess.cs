using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Beacon.LoadGen.Http;

namespace Beacon.LoadGen.Processes;

/// <summary>
/// A server the load generator started in its own process (a Beacon node, the trivial endpoint,
/// etcd or ZooKeeper), listening on a loopback port. Disposing kills it; so does the load generator's exit, even on
/// Ctrl+C or an unhandled exception, so no server outlives a run.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> s_running = new();
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    static ChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    private ChildProcess(Process process, IPEndPoint endPoint, string name)
    {
        _process = process;
        EndPoint = endPoint;
        Name = name;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public IPEndPoint EndPoint { get; }

    public Uri BaseAddress => new($"http://{EndPoint}");

    /// <summary>
    /// Starts <c>dotnet <paramref name="arguments"/></c> and polls <paramref name="readyPath"/> until it
    /// answers 200 (at most 60 s).
    /// </summary>
    public static Task<ChildProcess> StartAsync(
        string name, IPEndPoint endPoint, string workingDirectory, IEnumerable<string> arguments, string readyPath)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = workingDirectory };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return StartAsync(name, endPoint, start, HttpProbe(readyPath), TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// Starts any server (etcd, ZooKeeper, a node) and polls <paramref name="isReady"/> until it says
    /// yes (at most <paramref name="timeout"/>); its output is kept for error messages.
    /// </summary>
    public static async Task<ChildProcess> StartAsync(
        string name, IPEndPoint endPoint, ProcessStartInfo start, Func<IPEndPoint, Task<bool>> isReady, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        s_running[process.Id] = process;
        var child = new ChildProcess(process, endPoint, name);
        try
        {
            await child.WaitUntilReadyAsync(isReady, timeout);
            return child;
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ready when <c>GET <paramref name="path"/></c> answers 200.</summary>
    public static Func<IPEndPoint, Task<bool>> HttpProbe(string path) => async endPoint =>
    {
        var request = RequestWriter.Build("GET", path, endPoint.ToString());
        await using var connection = await RawHttpConnection.ConnectAsync(endPoint, CancellationToken.None);
        return (await connection.SendAsync(request, CancellationToken.None)).Status == 200;
    };

    /// <summary>A free loopback port (the OS picks it; the tiny race until the child binds it is acceptable here).</summary>
    public static IPEndPoint FreeLoopbackEndPoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return (IPEndPoint)listener.LocalEndpoint;
    }

    public async ValueTask DisposeAsync()
    {
        s_running.TryRemove(_process.Id, out _);
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(Func<IPEndPoint, Task<bool>> isReady, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:\n{LastLines()}");
            }

            try
            {
                if (await isReady(EndPoint))
                {
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{Name} did not become ready within {timeout}:\n{LastLines()}");
            }

            await Task.Delay(50);
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 20)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private string LastLines()
    {
        lock (_lastLines)
        {
            return string.Join('\n', _lastLines);
        }
    }

    private static void KillAll()
    {
        foreach (var process in s_running.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }
}
