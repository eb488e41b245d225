using Topo.Bench;

// Runs inside the throwaway network and mount namespace bench/run makes; never on the machine's own network.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return 2;
}

var loadBefore = Machine.Load();
var results = new Results();
var methods = new Methods(options.Topo, options.Floor, results);
Directory.CreateDirectory(options.Work);
// A quick run is for development: it leaves the committed results alone.
var target = options.Quick ? Path.Combine(options.Out, "out") : options.Out;
if (options.Hosts > 0 || options.Scale > 0) return OtherRuns.Run(options, results, loadBefore, target);
try
{
    KernelProbe.CheckEmpty();
    foreach (var n in options.AllSizes)
    {
        var large = !options.Sizes.Contains(n);
        var lab = new StarLab(n);
        var yaml = Path.Combine(options.Work, $"star-{n}.yaml");
        File.WriteAllText(yaml, lab.Yaml());
        var scripts = new PeerScripts(lab, Path.Combine(options.Work, $"peers-{n}"));
        scripts.Write();
        for (var r = 1; r <= options.Repeats; r++)
        {
            Console.Error.WriteLine($"bench: N={n}, repeat {r}/{options.Repeats}{(large ? ", no tutorial script" : "")} (load {Machine.Load()})");
            methods.RunOnce(lab, yaml, scripts, withTutorial: !large);
        }

        PeakRss.Measure(options.Topo, lab, yaml, results);
    }

    var inProcess = new InProcess(options.Topo, options.Work, options.Repeats, results);
    Console.Error.WriteLine("bench: in-process measurements");
    inProcess.ValidateAndPlan(options.Quick ? 1000 : 5000);
    inProcess.ReadState(options.Quick ? 50 : 200);
    inProcess.ValidateSmall(10);
}
catch (BenchException e)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    KernelProbe.Reset();
    return 1;
}

var report = new Report(results, Machine.Now(loadBefore), options);
var markdown = report.Markdown();
Console.WriteLine(markdown);
File.WriteAllText(Path.Combine(target, "RESULTS.md"), markdown);
File.WriteAllText(Path.Combine(target, "results.json"), report.Json());
Console.Error.WriteLine($"bench: wrote {target}/RESULTS.md and results.json");
return 0;
