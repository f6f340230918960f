namespace Beacon.LoadGen.Http;

/// <summary>One keep-alive connection that sends a request and waits for its whole response.</summary>
public interface ILoadConnection : IAsyncDisposable
{
    /// <summary>Sends <paramref name="request"/> (a complete HTTP/1.1 request) and reads the response.</summary>
    ValueTask<HttpResult> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken);
}
