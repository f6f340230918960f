using System.Text;

namespace Beacon.Cli.Http;

/// <summary>One Server-Sent Event: its type, id and data.</summary>
public sealed record ServerSentEvent(string Event, string? Id, string Data);

/// <summary>Reads Server-Sent Events off a stream (the subset Beacon writes: event, id, data, comments).</summary>
public sealed class ServerSentEventReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>The next event, or null when the stream ends.</summary>
    public async Task<ServerSentEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        string type = "message";
        string? id = null;
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    return new ServerSentEvent(type, id, data.ToString());
                }

                type = "message";
                continue;
            }

            if (line[0] == ':')
            {
                continue; // keep-alive comment
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event": type = value; break;
                case "id": id = value; break;
                case "data": data.Append(data.Length > 0 ? "\n" : "").Append(value); break;
            }
        }

        return null;
    }

    public void Dispose() => _reader.Dispose();
}
