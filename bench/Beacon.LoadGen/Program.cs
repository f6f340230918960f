using System.Globalization;
using Beacon.LoadGen;
using Beacon.LoadGen.Cli;
using Beacon.LoadGen.Compare;
using Beacon.LoadGen.Processes;

// beacon-loadgen: see LoadGenOptions.Usage and docs/benchmarks.md.
if (args is [TrivialServer.Flag, var port])
{
    await TrivialServer.RunAsync(int.Parse(port, CultureInfo.InvariantCulture));
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (args is ["compare", .. var compareArgs])
{
    if (ParseOrUsage(() => ComparisonOptions.Parse(compareArgs), ComparisonOptions.Usage) is not { } compare)
    {
        return 2;
    }

    await new CompareSession(compare, Console.Out).RunAsync(cancel.Token);
    return 0;
}

if (ParseOrUsage(() => LoadGenOptions.Parse(args), LoadGenOptions.Usage) is not { } options)
{
    return 2;
}

await new BenchmarkSession(options, Console.Out).RunAsync(cancel.Token);
return 0;

// A bad command line prints what was wrong and the usage; null then.
static T? ParseOrUsage<T>(Func<T> parse, string usage)
    where T : class
{
    try
    {
        return parse();
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(usage);
        return null;
    }
}
