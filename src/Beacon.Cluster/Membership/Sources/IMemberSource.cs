namespace Beacon.Cluster.Membership.Sources;

/// <summary>One place the member list comes from. Each read answers the full list it knows now.</summary>
internal interface IMemberSource
{
    string Name { get; }

    Task<IReadOnlyList<string>> ReadAsync(CancellationToken cancellationToken);
}
