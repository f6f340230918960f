namespace Beacon.Cluster.Membership.Sources;

/// <summary>An address server (as Nacos' <c>/nacos/serverlist</c>): a URL answering one member per line.</summary>
internal sealed class AddressServerSource(HttpClient http, Uri url) : IMemberSource
{
    public string Name => $"address server {url}";

    public async Task<IReadOnlyList<string>> ReadAsync(CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(url, cancellationToken);
        return NodeAddress.ParseList(text.Split(['\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries));
    }
}
