namespace Beacon.LoadGen.Http;

/// <summary>The parsed status line and the headers that frame the body.</summary>
/// <param name="Length">Bytes of the head, including the blank line that ends it.</param>
/// <param name="ContentLength">The Content-Length, or -1 when the body is chunked or has none.</param>
public readonly record struct ResponseHead(int Length, int Status, long ContentLength, bool Chunked, long Revision);
