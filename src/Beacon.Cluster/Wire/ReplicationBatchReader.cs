using System.Text.Json;

namespace Beacon.Cluster.Wire;

/// <summary>What a <see cref="ReplicationBatchReader"/> hands its items to, one at a time.</summary>
internal interface IReplicationItemSink
{
    /// <summary>Called once, before the first item, with the batch's header.</summary>
    void Begin(string from, bool crossZone);

    void Item(ReplicationItem item);
}

/// <summary>
/// Reads a <see cref="ReplicationBatch"/> item by item and hands each item on as soon as it is
/// parsed, instead of building the whole batch first. A batch holds up to 2,000 records; built whole,
/// all of their wire objects were alive while the batch was applied, and under write load every
/// garbage collection found one such batch alive and copied it into the older generations, only to
/// have it die there. Read this way, an item is garbage once it is applied.
/// Same JSON as <see cref="PeerJsonContext"/> writes (property names as written, camelCase); the
/// header may come after the items (a look-ahead finds it).
/// </summary>
internal static class ReplicationBatchReader
{
    /// <summary>Reads the batch in <paramref name="json"/>. Throws <see cref="JsonException"/> when it is malformed; items before the fault have been handed on.</summary>
    public static void Read(ReadOnlySpan<byte> json, IReplicationItemSink sink)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A replication batch must be a JSON object.");
        }

        string? from = null;
        bool? crossZone = null;
        var sawItems = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("items"u8))
            {
                Next(ref reader, JsonTokenType.StartArray, "items");
                if (from is null || crossZone is null)
                {
                    var ahead = reader;
                    ahead.Skip();
                    ReadHeader(ref ahead, ref from, ref crossZone);
                }

                sink.Begin(from ?? throw new JsonException("A replication batch needs 'from'."), crossZone ?? false);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    sink.Item(JsonSerializer.Deserialize(ref reader, PeerJsonContext.Default.ReplicationItem)
                        ?? throw new JsonException("A replication item must not be null."));
                }

                sawItems = true;
            }
            else if (!ReadHeaderProperty(ref reader, ref from, ref crossZone))
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("A replication batch must end after its object.");
        }

        if (!sawItems)
        {
            throw new JsonException("A replication batch needs 'items'.");
        }
    }

    /// <summary>Reads the properties after the items, for a header that came last.</summary>
    private static void ReadHeader(ref Utf8JsonReader reader, ref string? from, ref bool? crossZone)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!ReadHeaderProperty(ref reader, ref from, ref crossZone))
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static bool ReadHeaderProperty(ref Utf8JsonReader reader, ref string? from, ref bool? crossZone)
    {
        if (reader.ValueTextEquals("from"u8))
        {
            Next(ref reader, JsonTokenType.String, "from");
            from = reader.GetString();
            return true;
        }

        if (reader.ValueTextEquals("crossZone"u8))
        {
            reader.Read();
            crossZone = reader.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => throw new JsonException("'crossZone' must be true or false."),
            };
            return true;
        }

        return false;
    }

    private static void Next(ref Utf8JsonReader reader, JsonTokenType expected, string property)
    {
        if (!reader.Read() || reader.TokenType != expected)
        {
            throw new JsonException($"'{property}' must be a JSON {(expected == JsonTokenType.StartArray ? "array" : "string")}.");
        }
    }
}
