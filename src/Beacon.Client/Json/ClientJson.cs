using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Beacon.Contracts;

namespace Beacon.Client.Json;

/// <summary>
/// How the client reads the registry's answers on its hot paths (watch events, service reads): the
/// wire's own settings (<see cref="BeaconJsonContext"/>) with <see cref="InstanceInfo"/> and
/// <see cref="ChangeInfo"/> read by hand-written readers. The contract records use <c>required</c>
/// and <c>init</c>, which the source generator reads through its parameterized-constructor path: every
/// value boxed into an argument array and a stack of frames per object
/// (<see href="https://github.com/dotnet/runtime/issues/97612">dotnet/runtime#97612</see>). A thousand
/// watchers parse every change, so that path was a fifth of what a change allocated.
/// </summary>
internal static class ClientJson
{
    /// <summary>The options behind both (declared first: the type infos below are read from it).</summary>
    internal static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>A service's instances (a read, a watch snapshot).</summary>
    public static JsonTypeInfo<ServiceInstances> ServiceInstances { get; } =
        (JsonTypeInfo<ServiceInstances>)Options.GetTypeInfo(typeof(ServiceInstances));

    /// <summary>One change (a watch event).</summary>
    public static JsonTypeInfo<ChangeInfo> ChangeInfo { get; } =
        (JsonTypeInfo<ChangeInfo>)Options.GetTypeInfo(typeof(ChangeInfo));

    private static JsonSerializerOptions CreateOptions()
    {
        var instance = new InstanceInfoReader();
        var options = new JsonSerializerOptions(BeaconJsonContext.Default.Options);
        options.Converters.Add(instance);
        options.Converters.Add(new ChangeInfoReader(instance));
        options.MakeReadOnly();
        return options;
    }
}
