using System.Globalization;
using BenchmarkDotNet.Running;
using Beacon.Client.Benchmarks;

// pick            BenchmarkDotNet: ns/op and allocations of picking from a cached service of 100 instances
// watch [n] [r]   registration-to-every-client latency with n watching clients (default 1000), r rounds (default 20)
if (args.Length > 0 && args[0] == "watch")
{
    var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
    var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
    return await WatchLatency.RunAsync(clients, rounds);
}

// In-process: no generated project to build (slow on a busy two-core machine), as the repository's other benchmarks.
BenchmarkSwitcher.FromAssembly(typeof(PickBenchmarks).Assembly)
    .Run(args.Length > 0 && args[0] == "pick" ? ["--filter", "*PickBenchmarks*", "--inProcess", .. args[1..]] : args);
return 0;
