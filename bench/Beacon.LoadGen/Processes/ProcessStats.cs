using System.Diagnostics;
using System.Globalization;

namespace Beacon.LoadGen.Processes;

/// <summary>
/// Reads another process's CPU time and resident memory from /proc. On a 2-core machine where the
/// load generator competes with the server, the server's CPU time per operation is the figure that
/// holds from run to run; throughput moves with whatever else the machine is doing.
/// </summary>
public static class ProcessStats
{
    private static readonly Lazy<int> s_clockTicksPerSecond = new(ReadClockTicksPerSecond);

    public static int ClockTicksPerSecond => s_clockTicksPerSecond.Value;

    /// <summary>User plus system CPU time of <paramref name="pid"/> so far (utime + stime of /proc/PID/stat).</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((utime + stime) / (double)ClockTicksPerSecond);
    }

    /// <summary>Resident set size of <paramref name="pid"/> in bytes (VmRSS of /proc/PID/status).</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS for process {pid}.");
    }

    /// <summary>
    /// Waits until <paramref name="pid"/> has been idle (under 2 % of one core) for two samples in a
    /// row: the server has finished whatever was queued. Polls; never sleeps a fixed "long enough".
    /// </summary>
    public static async Task WaitUntilIdleAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMilliseconds(100);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var quietSamples = 0;
        var last = CpuTime(pid);
        while (quietSamples < 2)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Process {pid} did not become idle within {timeout}.");
            }

            await Task.Delay(interval, cancellationToken);
            var now = CpuTime(pid);
            quietSamples = now - last <= interval * 0.02 + TimeSpan.FromSeconds(1.0 / ClockTicksPerSecond) ? quietSamples + 1 : 0;
            last = now;
        }
    }

    private static int ReadClockTicksPerSecond()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
            var text = getconf.StandardOutput.ReadToEnd();
            getconf.WaitForExit();
            return int.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100; // Linux's USER_HZ almost everywhere.
        }
    }
}
