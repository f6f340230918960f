namespace Beacon.LoadGen.Http;

/// <summary>What the load generator keeps of a response: no body, only what it checks.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Revision">The <c>X-Beacon-Revision</c> header, or -1 when absent.</param>
/// <param name="BodyLength">Bytes of body received (after de-chunking).</param>
public readonly record struct HttpResult(int Status, long Revision, long BodyLength);
