using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// <c>netns: PATH</c>: a node attached to a namespace topo did not make. topo puts its links there and
/// takes them away again, and never touches the namespace itself or anything else in it.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class AttachedNamespaceTests : IDisposable
{
    private readonly LabRun _run = new();
    private readonly HeldNamespace _held = new();
    private readonly string _file;

    public AttachedNamespaceTests()
    {
        _file = Path.Combine(_run.State, "attach.yaml");
        File.WriteAllText(_file, Lab(_held.Path));
    }

    public void Dispose()
    {
        _run.Dispose();
        _held.Dispose();
    }

    private static string Lab(string path) => $"""
        version: 1
        lab: attach
        bridges:
          br-att: {"{"}subnet: 10.80.0.0/24{"}"}
        nodes:
          web: {"{"}netns: {path}{"}"}
          box: {"{"}{"}"}
        links:
          - [web:eth0, br-att]
          - [box:eth0, br-att]
          - [web:eth1, box:eth1]
        checks:
          - {"{"}from: web, to: box, expect: reach{"}"}
          - {"{"}from: host, to: web, expect: reach{"}"}
          - {"{"}from: web, to: 10.81.0.1, expect: no-reach{"}"}
        """;

    [KernelFact]
    public void The_lab_works_in_the_attached_namespace_and_down_leaves_the_namespace_and_its_own_interface()
    {
        _held.Witness("ip", "link", "add", "keep0", "type", "veth", "peer", "name", "keep1");

        Assert.Equal(0, _run.Topo("apply", _file, "-q").ExitCode);

        var inside = _held.Witness("ip", "-br", "addr");
        Assert.Contains("10.80.0.2/24", inside);
        Assert.Contains("keep0", inside);
        Assert.Contains("default via 10.80.0.1", _held.Witness("ip", "route"));
        Assert.True(_run.Pings(null, "10.80.0.2"));
        var check = _run.Topo("check", _file);
        Assert.True(check.ExitCode == 0, check.Out + check.Error);
        Assert.Matches($@"(?m)^ok\s+web \({_held.Path}\)\s+box ", check.Out);
        var status = _run.Topo("status", _file);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"netns web ({_held.Path}):\n", status.Out);
        Assert.Contains($"  in sync   address 10.80.0.2/24 on web ({_held.Path}):eth0\n", status.Out);
        var again = _run.Topo("plan", _file, "--detailed-exitcode");
        Assert.True(again.ExitCode == 0, again.Out + again.Error);
        Assert.DoesNotContain("keep0", _run.Topo("status", _file).Out);
        Assert.True(File.Exists(Path.Combine(_run.State, "attach", "attached")));
        var inspect = _run.Topo("inspect", _file);
        Assert.Equal(0, inspect.ExitCode);
        var section = inspect.Out[inspect.Out.IndexOf($"attached netns web ({_held.Path}):", StringComparison.Ordinal)..];
        Assert.Contains("10.80.0.2/24", section);
        Assert.Contains($"web ({_held.Path}):eth0", inspect.Out[..inspect.Out.IndexOf("attached netns", StringComparison.Ordinal)]);
        var byLab = _run.Topo("inspect", "--lab", "attach");
        Assert.Equal(0, byLab.ExitCode);
        Assert.Contains("10.80.0.2/24", byLab.Out[byLab.Out.IndexOf($"attached netns {_held.Path}:", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("(not shown)", byLab.Out);

        var down = _run.Topo("down", "--lab", "attach");

        Assert.Equal(0, down.ExitCode);
        Assert.DoesNotContain("keep0", down.Out);
        Assert.True(_held.Alive);
        var left = _held.Witness("ip", "-br", "link");
        Assert.Contains("keep0", left);
        Assert.DoesNotContain("eth0", left);
        // Its peer died with box's namespace; down returns only once the kernel has freed it here too.
        Assert.DoesNotContain("eth1", left);
        Assert.Empty(_run.Namespaces());
        Assert.False(Directory.Exists(Path.Combine(_run.State, "attach")));
    }

    [KernelFact]
    public void Exec_with_the_lab_finds_an_attached_node_in_the_record_the_apply_left()
    {
        // The real binary, as exec replaces its process: it keeps its records under the test host's private /run/topo.
        var apply = _run.Process(null, "apply", _file, "-q");
        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);

        var exec = _run.Process(null, "exec", "web", "--lab", "attach", "--", "ip", "-br", "addr", "show", "dev", "eth0");

        Assert.True(exec.ExitCode == 0, exec.Out + exec.Error);
        Assert.Contains("10.80.0.2/24", exec.Out);
        Assert.Equal(0, _run.Process(null, "down", "--lab", "attach").ExitCode);
        var after = _run.Process(null, "exec", "web", "--lab", "attach", "--", "true");
        Assert.Equal(1, after.ExitCode);
        Assert.Contains("there is no namespace 'web'", after.Error);
    }

    [KernelFact]
    public void The_explained_commands_reach_the_attached_namespace_by_its_path()
    {
        var explained = _run.Topo("plan", "--explain", _file);
        Assert.Equal(0, explained.ExitCode);
        Assert.Contains($"netns {_held.Path}", explained.Out);
        Assert.Contains($"nsenter --net={_held.Path} ip ", explained.Out);

        var script = Path.Combine(_run.State, "by-hand.sh");
        File.WriteAllText(script, string.Join("\n", ExplainTests.Commands(explained.Out)) + "\n");
        _run.Sandbox.Witness("sh", "-e", script);

        var after = _run.Topo("plan", "--detailed-exitcode", _file);
        Assert.True(after.ExitCode == 0, after.Out + after.Error);
        Assert.Contains("10.80.0.2/24", _held.Witness("ip", "-br", "addr", "show", "dev", "eth0"));
    }

    [KernelFact]
    public void A_foreign_interface_of_a_wanted_name_stops_apply_before_any_change()
    {
        _held.Witness("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth0p");

        var apply = _run.Topo("apply", _file);

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains($"{_held.Path}:eth0", apply.Error);
        Assert.Contains("nothing was changed", apply.Error);
        Assert.Empty(_run.Namespaces());
        Assert.Contains("eth0", _held.Witness("ip", "-br", "link"));
    }

    [KernelFact]
    public void A_missing_namespace_is_one_clear_error_before_any_change()
    {
        File.WriteAllText(_file, Lab("/proc/999999999/ns/net"));

        foreach (var command in new[] { "plan", "apply" })
        {
            var run = _run.Topo(command, _file);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("node 'web' attaches to /proc/999999999/ns/net, which does not exist", run.Error);
        }

        Assert.Empty(_run.Namespaces());
        Assert.DoesNotContain("br-att", _run.Sandbox.Witness("ip", "-br", "link"));
    }

    [KernelFact]
    public void A_path_to_the_host_namespace_is_refused_before_any_change()
    {
        File.WriteAllText(_file, Lab(_run.Sandbox.HostPath));

        var apply = _run.Topo("apply", _file);

        Assert.True(apply.ExitCode == 1, apply.Out + apply.Error);
        Assert.Contains($"node 'web' attaches to {_run.Sandbox.HostPath}, which is the host's own namespace", apply.Error);
        Assert.DoesNotContain("br-att", _run.Sandbox.Witness("ip", "-br", "link"));
    }

    [KernelFact]
    public void A_path_to_a_namespace_the_lab_makes_is_refused_before_any_change()
    {
        Assert.Equal(0, _run.Topo("apply", _file, "-q").ExitCode);
        var box = _run.Sandbox.Namespaces.PathOf("box");
        File.WriteAllText(_file, Lab(_held.Path).Replace("box: {}", $"box: {{}}\n  spy: {{netns: {box}}}", StringComparison.Ordinal));

        var plan = _run.Topo("plan", _file);

        Assert.True(plan.ExitCode == 1, plan.Out + plan.Error);
        Assert.Contains($"node 'spy' attaches to {box}, which is node 'box''s namespace in this lab", plan.Error);
    }

    [KernelFact]
    public void Down_without_the_file_skips_an_attached_namespace_that_is_gone()
    {
        Assert.Equal(0, _run.Topo("apply", _file, "-q").ExitCode);
        _held.Dispose();

        var down = _run.Topo("down", "--lab", "attach");

        Assert.True(down.ExitCode == 0, down.Out + down.Error);
        Assert.Empty(_run.Namespaces());
        var links = _run.Sandbox.Witness("ip", "-br", "link");
        Assert.False(links.Contains("br-att"), down.Out + links);
    }
}
