namespace Beacon.Client;

/// <summary>A service has no instance that is UP, healthy and of non-zero weight to pick.</summary>
public sealed class NoAvailableInstanceException : BeaconException
{
    /// <summary>Creates the exception.</summary>
    public NoAvailableInstanceException(string @namespace, string service)
        : base($"Service '{service}' in namespace '{@namespace}' has no instance that is UP, healthy and of non-zero weight.")
    {
        Namespace = @namespace;
        Service = service;
    }

    /// <summary>The namespace of the service.</summary>
    public string Namespace { get; }

    /// <summary>The service that has no available instance.</summary>
    public string Service { get; }
}
