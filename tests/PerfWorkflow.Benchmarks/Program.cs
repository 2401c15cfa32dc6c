using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project tests/PerfWorkflow.Benchmarks -- --filter '*'
// The sweep at 100 000 open tasks is a one-shot measurement on PostgreSQL: dotnet run -c Release ... -- sweep
if (args is ["sweep"])
{
    return await PerfWorkflow.Benchmarks.SweepMeasurement.RunAsync(Console.Out);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
