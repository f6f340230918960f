using System.Buffers.Binary;
using System.Text;

namespace Beacon.LoadGen.Compare.ZooKeeper;

/// <summary>
/// Writes ZooKeeper's wire encoding (Jute): big-endian integers, length-prefixed strings and
/// buffers, each packet framed by its 4-byte length. Writes into a caller's array; allocates nothing.
/// </summary>
public ref struct JuteWriter(Span<byte> into)
{
    private readonly Span<byte> _into = into;
    private int _frameStart = -1;

    public int Length { get; private set; }

    /// <summary>Starts a packet: reserves its length prefix, filled in by <see cref="EndFrame"/>.</summary>
    public void BeginFrame()
    {
        _frameStart = Length;
        Length += 4;
    }

    public void EndFrame() => BinaryPrimitives.WriteInt32BigEndian(_into[_frameStart..], Length - _frameStart - 4);

    public void WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_into[Length..], value);
        Length += 4;
    }

    public void WriteLong(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_into[Length..], value);
        Length += 8;
    }

    public void WriteBool(bool value) => _into[Length++] = value ? (byte)1 : (byte)0;

    /// <summary>A string or buffer: its length, then its bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteInt(value.Length);
        value.CopyTo(_into[Length..]);
        Length += value.Length;
    }

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetBytes(value, _into[(Length + 4)..]);
        WriteInt(length);
        Length += length;
    }

    /// <summary>A path made of a parent path, a slash and a child's name, as one string.</summary>
    public void WritePath(ReadOnlySpan<byte> parent, ReadOnlySpan<byte> child)
    {
        WriteInt(parent.Length + 1 + child.Length);
        parent.CopyTo(_into[Length..]);
        Length += parent.Length;
        _into[Length++] = (byte)'/';
        child.CopyTo(_into[Length..]);
        Length += child.Length;
    }
}
