using System.Globalization;
using BenchmarkDotNet.Running;
using Beacon.Client.Benchmarks;

// pick            BenchmarkDotNet: ns/op and allocations of picking from a cached service of 100 instances
// watch [n] [r] [--node-process] [--client-processes=p]
//                 registration-to-every-client latency with n watching clients (default 1000), r rounds (default 20);
//                 --node-process: the node is the Release beacon-server in its own process (build src/Beacon.Host first);
//                 --client-processes=p: the clients spread over p child processes (default 1: in this process)
// watch-clients   a child process of `watch` (started by it, driven over standard input and output)
if (args.Length > 0 && args[0] == "watch")
{
    var numbers = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
    var clients = numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : 1000;
    var rounds = numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 20;
    const string processesOption = "--client-processes=";
    var processes = args.FirstOrDefault(a => a.StartsWith(processesOption, StringComparison.Ordinal)) is { } option
        ? int.Parse(option[processesOption.Length..], CultureInfo.InvariantCulture)
        : 1;
    return await WatchLatency.RunAsync(clients, rounds, nodeProcess: args.Contains("--node-process"), processes);
}

if (args.Length == 4 && args[0] == "watch-clients")
{
    return await ClientProcess.RunAsync(new Uri(args[1]), int.Parse(args[2], CultureInfo.InvariantCulture), args[3]);
}

// In-process: no generated project to build (slow on a busy two-core machine), as the repository's other benchmarks.
BenchmarkSwitcher.FromAssembly(typeof(PickBenchmarks).Assembly)
    .Run(args.Length > 0 && args[0] == "pick" ? ["--filter", "*PickBenchmarks*", "--inProcess", .. args[1..]] : args);
return 0;
