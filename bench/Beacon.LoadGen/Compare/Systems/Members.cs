using System.Net;
using Beacon.LoadGen.Processes;

namespace Beacon.LoadGen.Compare.Systems;

/// <summary>
/// The processes of one system under test and the temporary folder holding their data. Disposing
/// stops every process (ChildProcess also does on the load generator's exit) and deletes the folder.
/// </summary>
public sealed class Members : IAsyncDisposable
{
    private readonly List<ChildProcess> _processes = [];

    public Members(string system)
    {
        DataDirectory = Directory.CreateTempSubdirectory($"beacon-compare-{system}-").FullName;
    }

    /// <summary>Where the members keep their data (write-ahead logs, snapshots), deleted on dispose.</summary>
    public string DataDirectory { get; }

    /// <summary>The members' client endpoints, in member order.</summary>
    public IReadOnlyList<IPEndPoint> EndPoints => [.. _processes.Select(p => p.EndPoint)];

    public IReadOnlyList<int> Pids => [.. _processes.Select(p => p.Pid)];

    /// <summary>Starts all members at once (a cluster member is ready only once a quorum is up).</summary>
    public async Task StartAllAsync(IEnumerable<Func<Task<ChildProcess>>> starts)
    {
        var pending = starts.Select(start => start()).ToList();
        try
        {
            await Task.WhenAll(pending);
        }
        finally
        {
            // Keep whatever started, so dispose stops it even when another member failed.
            _processes.AddRange(pending.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }
    }

    /// <summary>Free loopback ports, distinct from each other.</summary>
    public static int[] FreePorts(int count)
    {
        var ports = new HashSet<int>();
        while (ports.Count < count)
        {
            ports.Add(ChildProcess.FreeLoopbackEndPoint().Port);
        }

        return [.. ports];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A member still closing a file: the temp folder is cleaned up by the OS eventually.
        }
    }
}
