namespace Beacon.Cluster.Membership.Sources;

/// <summary>A file with one <c>host:port</c> per line (<c>#</c> starts a comment); read again when it changes.</summary>
internal sealed class FileSource(string path) : IMemberSource
{
    private DateTime _lastWrite;
    private IReadOnlyList<string> _last = [];

    public string Name => $"file {path}";

    public async Task<IReadOnlyList<string>> ReadAsync(CancellationToken cancellationToken)
    {
        var written = File.GetLastWriteTimeUtc(path);
        if (written == _lastWrite)
        {
            return _last;
        }

        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        _last = NodeAddress.ParseList(lines.Select(l => l.Split('#')[0]));
        _lastWrite = written;
        return _last;
    }
}
