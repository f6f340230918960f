namespace Beacon.Client;

/// <summary>Where a <see cref="ServiceView"/> came from.</summary>
public enum ServiceViewSource
{
    /// <summary>A registry node answered it.</summary>
    Registry,

    /// <summary>
    /// The disk copy of an earlier answer: no registry node answered since this process started
    /// (or the registry had forgotten the service), so the last known list is served instead.
    /// </summary>
    DiskCache,
}
