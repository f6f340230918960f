using System.Diagnostics;
using System.Text;

namespace Beacon.TestKit;

/// <summary>
/// A Beacon node as a real OS process (the shipped <c>beacon-server.dll</c>), optionally inside a
/// network namespace, for tests that need <c>kill -9</c> or real network cuts.
/// </summary>
public sealed class BeaconProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BeaconProcess(Process process, string nodeId)
    {
        _process = process;
        NodeId = nodeId;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string NodeId { get; }

    public int Pid => _process.Id;

    public bool Exited => _process.HasExited;

    /// <summary>What the node printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>beacon-server</c> listening on <paramref name="nodeId"/> (<c>host:port</c>) with the given settings.</summary>
    public static BeaconProcess Start(string nodeId, IDictionary<string, string?> settings, string? networkNamespace = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "beacon-server.dll");
        var args = new List<string> { dll, "--urls", $"http://{nodeId}", "--node-id", nodeId };
        foreach (var (key, value) in settings)
        {
            if (key is not "urls" and not "Beacon:NodeId")
            {
                args.Add($"--{key}");
                args.Add(value ?? "");
            }
        }

        var start = networkNamespace is null
            ? new ProcessStartInfo("dotnet", args)
            : new ProcessStartInfo("ip", ["netns", "exec", networkNamespace, "dotnet", .. args]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = AppContext.BaseDirectory;
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        return new BeaconProcess(Process.Start(start)!, nodeId);
    }

    /// <summary><c>kill -9</c>: the node gets no chance to deregister or flush anything.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, then wait for a graceful exit.</summary>
    public async Task TerminateAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
