using System.Text.Json;
using Beacon.Contracts;

namespace Beacon.Client.Discovery;

/// <summary>
/// The disk copy of every service list the client received, one JSON file per namespace and service
/// (the registry's own answer format), so a process that starts while no registry node answers still
/// finds its services (Nacos' failover directory). Files are replaced atomically: a reader never sees
/// half a file.
/// </summary>
internal sealed class DiskCache(string directory)
{
    public string Directory { get; } = directory;

    public static string DefaultDirectory()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(root.Length > 0 ? root : Path.GetTempPath(), "beacon", "cache");
    }

    public string PathOf(string @namespace, string service) =>
        // Escaping keeps names with ':' or '@' (allowed in service names) valid file names everywhere.
        Path.Combine(Directory, Uri.EscapeDataString(@namespace), Uri.EscapeDataString(service) + ".json");

    public async Task SaveAsync(ServiceInstances service, CancellationToken cancellationToken)
    {
        var path = PathOf(service.Namespace, service.Service);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await JsonSerializer.SerializeAsync(file, service, BeaconJsonContext.Default.ServiceInstances, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The saved list and when it was written, or null when there is none.</summary>
    public (ServiceInstances Service, DateTimeOffset SavedAt)? TryLoad(string @namespace, string service)
    {
        var path = PathOf(@namespace, service);
        if (!File.Exists(path))
        {
            return null;
        }

        using var file = File.OpenRead(path);
        var saved = JsonSerializer.Deserialize(file, BeaconJsonContext.Default.ServiceInstances);
        return saved is null ? null : (saved, new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
    }
}
