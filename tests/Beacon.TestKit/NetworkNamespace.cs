using System.Diagnostics;

namespace Beacon.TestKit;

/// <summary>
/// A private network namespace with only its own loopback, for partition tests: nodes bind their own
/// 127.0.0.x addresses inside it, links are cut with nft rules between addresses, and nothing can
/// leave it. Deleted (with its rules) on dispose.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private NetworkNamespace(string name) => Name = name;

    public string Name { get; }

    /// <summary>Why namespaces cannot be used here, or null when they can (root, ip and nft present).</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces need Linux";
        }

        if (Environment.UserName != "root")
        {
            return "network namespaces need root";
        }

        foreach (var tool in new[] { "ip", "nft" })
        {
            if (!new[] { "/usr/sbin", "/sbin", "/usr/bin", "/bin" }.Any(d => File.Exists(Path.Combine(d, tool))))
            {
                return $"'{tool}' is not installed (apt-get install -y iproute2 nftables)";
            }
        }

        return null;
    }

    public static NetworkNamespace Create()
    {
        var ns = new NetworkNamespace($"beacon-{Guid.NewGuid():N}"[..15]);
        Run("ip", "netns", "add", ns.Name);
        try
        {
            Run("ip", "-n", ns.Name, "link", "set", "lo", "up");
            ns.Exec("nft", "add", "table", "inet", "beacon");
            ns.Exec("nft", "add", "chain", "inet", "beacon", "out", "{ type filter hook output priority 0; }");
        }
        catch
        {
            ns.Dispose();
            throw;
        }

        return ns;
    }

    /// <summary>Drops every packet between <paramref name="a"/> and each of <paramref name="others"/>, both ways.</summary>
    public void Cut(string a, params string[] others)
    {
        var set = "{" + string.Join(",", others) + "}";
        Exec("nft", "add", "rule", "inet", "beacon", "out", "ip", "saddr", a, "ip", "daddr", set, "drop");
        Exec("nft", "add", "rule", "inet", "beacon", "out", "ip", "daddr", a, "ip", "saddr", set, "drop");
    }

    /// <summary>Removes every cut.</summary>
    public void Heal() => Exec("nft", "flush", "chain", "inet", "beacon", "out");

    /// <summary>Runs a command inside the namespace; returns its standard output.</summary>
    public string Exec(params string[] command) => Run("ip", ["netns", "exec", Name, .. command]);

    /// <summary>An HTTP request from inside the namespace (curl): the status code and the body.</summary>
    public async Task<(int Status, string Body)> HttpAsync(string method, string url, string? json = null)
    {
        var args = new List<string> { "netns", "exec", Name, "curl", "-s", "-m", "3", "-X", method, "-w", "\n%{http_code}", url };
        if (json is not null)
        {
            args.AddRange(["-H", "content-type: application/json", "-d", json]);
        }

        var start = new ProcessStartInfo("ip", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var split = output.LastIndexOf('\n');
        return split < 0 || !int.TryParse(output[(split + 1)..], out var status)
            ? (0, output)
            : (status, output[..split]);
    }

    public void Dispose()
    {
        try
        {
            Run("ip", "netns", "del", Name);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {error}");
    }
}
