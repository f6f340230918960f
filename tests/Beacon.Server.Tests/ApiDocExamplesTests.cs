using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Beacon.TestKit;

namespace Beacon.Server.Tests;

/// <summary>
/// Runs every curl example of docs/api.md, in order, against a fresh node: each must answer a success
/// (or 304), or the status its "# → NNN" comment announces. Docs that drift from the code fail here.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class ApiDocExamplesTests
{
    [Fact]
    public async Task ApiDoc_EveryCurlExample_AnswersAsDocumented()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "api.md"));
        await using var node = await BeaconTestNode.StartAsync();
        var script = ToScript(doc, node.BaseAddress.Authority);

        var start = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"{output}\n{errors}");
        Assert.Contains("examples run: ", output, StringComparison.Ordinal);
    }

    private static string ToScript(string markdown, string authority)
    {
        var script = new StringBuilder("set -e\ncount=0\n");
        foreach (Match block in ShellBlock().Matches(markdown))
        {
            var body = block.Groups[1].Value;
            if (body.Contains("# runs until interrupted", StringComparison.Ordinal))
            {
                continue;
            }

            string? expected = null;
            foreach (var raw in body.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
            {
                var line = raw.Trim().Replace("127.0.0.1:7171", authority, StringComparison.Ordinal);
                if (Expected().Match(line) is { Success: true } m)
                {
                    expected = m.Groups[1].Value;
                }
                else if (line.StartsWith("curl ", StringComparison.Ordinal))
                {
                    var pattern = expected ?? "(2[0-9][0-9]|304)";
                    var shown = line.Replace("'", "'\\''", StringComparison.Ordinal);
                    script.Append(CultureInfoInvariant($"code=$({line} -s -o /dev/null -w '%{{http_code}}')\n"));
                    script.Append(CultureInfoInvariant($"if ! [[ $code =~ ^{pattern}$ ]]; then echo 'example failed with '$code': {shown}'; exit 1; fi\n"));
                    script.Append("count=$((count+1))\n");
                    expected = null;
                }
                else if (line.Length > 0 && !line.StartsWith('#'))
                {
                    script.Append(line).Append('\n');
                }
            }
        }

        return script.Append("echo \"examples run: $count\"\n").ToString();
    }

    private static string CultureInfoInvariant(FormattableString s) => FormattableString.Invariant(s);

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Beacon.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Beacon.slnx not found above the test directory.");
    }

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"^# → (\d{3})$")]
    private static partial Regex Expected();
}
