using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;

namespace Beacon.Client.AspNetCore.Hosting;

/// <summary>Builds the app's own <see cref="BeaconRegistration"/> from options, filling every default.</summary>
internal static class RegistrationFactory
{
    public static BeaconRegistration Create(BeaconRegistrationOptions options, IHostEnvironment environment, IServer? server)
    {
        var service = options.Service ?? NameFrom(environment.ApplicationName);
        var addresses = options.Addresses.Count > 0
            ? [.. options.Addresses]
            : SelfAddresses.FromBoundUrls(server?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [], options.Host);
        if (addresses.Count == 0)
        {
            throw new InvalidOperationException(
                "Beacon cannot tell the app's address: the server reports no bound URL. Set Beacon:Registration:Addresses.");
        }

        var first = new Uri(addresses[0]);
        return new BeaconRegistration
        {
            Service = service,
            Id = options.InstanceId ?? $"{NameFrom(first.Host)}:{service}:{first.Port}",
            Addresses = addresses,
            Zone = options.Zone,
            Weight = options.Weight,
            Version = options.Version,
            Metadata = options.Metadata.Count > 0 ? new Dictionary<string, string>(options.Metadata) : null,
        };
    }

    /// <summary>A valid Beacon name from free text: lower case, anything else than letters, digits, '.', '-', '_' as '-'.</summary>
    internal static string NameFrom(string text)
    {
        var name = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-');
        }

        var trimmed = name.ToString().TrimStart('.', '-', '_');
        return trimmed.Length == 0 ? "app" : trimmed;
    }
}
