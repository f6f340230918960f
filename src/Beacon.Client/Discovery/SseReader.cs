using System.Text;

namespace Beacon.Client.Discovery;

/// <summary>One Server-Sent Event: its type, id and data (data lines joined with '\n').</summary>
internal readonly record struct ServerSentEvent(string Type, string? Id, string Data);

/// <summary>
/// Reads Server-Sent Events (the subset the registry writes: <c>event</c>, <c>id</c>, <c>data</c>,
/// comments). A stream silent for longer than the idle timeout is taken for dead: a half-open TCP
/// connection never reports an error by itself, and the registry sends keep-alive comments.
/// </summary>
internal static class SseReader
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(
        Stream stream, TimeSpan idleTimeout, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string type = "message";
        string? id = null;
        var data = new StringBuilder();
        while (true)
        {
            idle.CancelAfter(idleTimeout);
            string? line;
            try
            {
                line = await reader.ReadLineAsync(idle.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The watch stream was silent for {idleTimeout}.");
            }

            if (line is null)
            {
                yield break;
            }

            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    yield return new ServerSentEvent(type, id, data.ToString());
                }

                type = "message";
                data.Clear();
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event":
                    type = value;
                    break;
                case "id":
                    id = value;
                    break;
                case "data":
                    if (data.Length > 0)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    break;
            }
        }
    }
}
