namespace Beacon.LoadGen.Cli;

/// <summary>Which HTTP client drives the load.</summary>
public enum ClientKind
{
    /// <summary><see cref="Http.RawHttpConnection"/>: keep-alive HTTP/1.1 over a socket (the default).</summary>
    Raw,

    /// <summary><see cref="HttpClient"/> with SocketsHttpHandler, to measure the standard client's own cost.</summary>
    HttpClient,
}
