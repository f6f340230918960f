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
    ComparisonOptions compare;
    try
    {
        compare = ComparisonOptions.Parse(compareArgs);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(ComparisonOptions.Usage);
        return 2;
    }

    await new CompareSession(compare, Console.Out).RunAsync(cancel.Token);
    return 0;
}

LoadGenOptions options;
try
{
    options = LoadGenOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(LoadGenOptions.Usage);
    return 2;
}

await new BenchmarkSession(options, Console.Out).RunAsync(cancel.Token);
return 0;
