using System.Text.Json;

namespace Beacon.Client.Json;

/// <summary>
/// Reads a string property whose value repeats from record to record (an instance's namespace,
/// service and zone: the same for every instance of a service): when the value equals the last one
/// read, that string is returned instead of a new one. A cached service of 100 instances then holds
/// one copy of each instead of 100, and a change allocates three strings fewer. Shared by every
/// reader thread: a race only costs a miss (reference reads and writes are atomic).
/// </summary>
internal sealed class RepeatedString
{
    private string? _last;

    public string Read(ref Utf8JsonReader reader, string property)
    {
        var last = _last;
        if (last is not null && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(last))
        {
            return last;
        }

        return _last = JsonRead.String(ref reader, property);
    }
}
