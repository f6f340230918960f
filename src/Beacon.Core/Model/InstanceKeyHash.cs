using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace Beacon.Core.Model;

/// <summary>The hash of what identifies an instance everywhere: its namespace, service and id.</summary>
public static class InstanceKeyHash
{
    /// <summary>
    /// A stable 64-bit hash of a key: XXH3 of the UTF-8 of namespace, service and id, each followed by
    /// a zero byte. Every node of every version must compute the same value (the cluster picks an
    /// instance's responsible node and its anti-entropy bucket by it), so this function never changes.
    /// One-shot over a stack buffer: no allocation. <see cref="Instance.KeyHash"/> computes it once
    /// per instance.
    /// </summary>
    public static ulong Of(string @namespace, string service, string id)
    {
        var length = Encoding.UTF8.GetMaxByteCount(@namespace.Length + service.Length + id.Length) + 3;
        byte[]? rented = null;
        var buffer = length <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = 0;
            foreach (var part in (ReadOnlySpan<string>)[@namespace, service, id])
            {
                written += Encoding.UTF8.GetBytes(part, buffer[written..]);
                buffer[written++] = 0;
            }

            return XxHash3.HashToUInt64(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
