namespace Beacon.LoadGen.Processes;

/// <summary>Starts the two kinds of server the load generator measures, each in its own process.</summary>
public static class ServerLauncher
{
    /// <summary>
    /// A Beacon node from the Release build of <c>src/Beacon.Host</c> (run
    /// <c>dotnet build -c Release</c> first), on a free loopback port, with its shipped settings.
    /// </summary>
    public static Task<ChildProcess> StartNodeAsync() => StartNodeAsync(ChildProcess.FreeLoopbackEndPoint());

    /// <summary>A node on <paramref name="endPoint"/>, with more command-line settings (e.g. <c>--nodes</c>).</summary>
    public static Task<ChildProcess> StartNodeAsync(System.Net.IPEndPoint endPoint, params string[] settings)
    {
        var directory = Path.Combine(RepositoryRoot(), "src", "Beacon.Host", "bin", "Release", "net10.0");
        var dll = Path.Combine(directory, "beacon-server.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"No Release build of the node at {dll}: run `dotnet build -c Release Beacon.slnx` first.");
        }

        // The node's directory is its content root, so it reads its own appsettings.json as shipped.
        return ChildProcess.StartAsync("beacon-server", endPoint, directory,
            [dll, "--urls", $"http://{endPoint}", .. settings], "/readyz");
    }

    /// <summary>This executable in <c>--serve-trivial</c> mode: the ceiling of HTTP on the machine.</summary>
    public static Task<ChildProcess> StartTrivialAsync()
    {
        var endPoint = ChildProcess.FreeLoopbackEndPoint();
        var self = typeof(ServerLauncher).Assembly.Location;
        return ChildProcess.StartAsync("trivial-endpoint", endPoint, AppContext.BaseDirectory,
            [self, TrivialServer.Flag, endPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], "/");
    }

    /// <summary>The folder holding Beacon.slnx, found upwards from the current directory or this executable.</summary>
    internal static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Beacon.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Cannot find the repository (Beacon.slnx) above the current directory.");
    }
}
