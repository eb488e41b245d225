namespace Topo.Bench;

/// <summary>The runs besides the main one: <c>--hosts H</c> writes HOSTS.md, <c>--scale N</c> SCALE.md.</summary>
public static class OtherRuns
{
    public static int Run(BenchOptions options, Results results, string loadBefore, string target)
    {
        string markdown, file;
        try
        {
            KernelProbe.CheckEmpty();
            if (options.Hosts > 0)
            {
                using var run = new HostsRun(options, results);
                run.Run(options.Hosts);
                (markdown, file) = (run.Markdown(Machine.Now(loadBefore), options.Hosts), "HOSTS.md");
            }
            else
            {
                var run = new ScaleRun(options, results);
                run.Run(options.Scale);
                (markdown, file) = (run.Markdown(Machine.Now(loadBefore), options.Scale), "SCALE.md");
            }
        }
        catch (BenchException e)
        {
            Console.Error.WriteLine($"bench: {e.Message}");
            KernelProbe.Reset();
            return 1;
        }

        Console.WriteLine(markdown);
        File.WriteAllText(Path.Combine(target, file), markdown);
        Console.Error.WriteLine($"bench: wrote {target}/{file}");
        return 0;
    }
}
