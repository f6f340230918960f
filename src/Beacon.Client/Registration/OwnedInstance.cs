using Beacon.Contracts;

namespace Beacon.Client.Registration;

/// <summary>An instance this process registered: what to register again if the registry forgets it.</summary>
internal sealed class OwnedInstance(BeaconRegistration registration)
{
    private volatile int _status = (int)registration.Status;

    public BeaconRegistration Registration { get; } = registration;

    /// <summary>The status last reported, which a re-registration must carry (a DOWN instance stays DOWN).</summary>
    public InstanceStatus Status
    {
        get => (InstanceStatus)_status;
        set => _status = (int)value;
    }

    public InstanceRef Ref { get; } = new() { Service = registration.Service, Id = registration.Id };
}
