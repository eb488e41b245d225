using Topo.Linux.Execute;
using Topo.Linux.RunState;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// The moments inside one step where a kill used to leave something the next apply could not take
/// over or down could not remove: a namespace named before it was marked, an empty name, an unmarked veth end.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class CrashWindowTests : IDisposable
{
    private const int Killed = 137;
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void Killed_as_a_namespace_gets_its_name_the_namespace_is_already_marked_and_apply_takes_it_over()
    {
        var file = LabRun.Example("02-bridge.yaml");

        var killed = _run.Process(new Dictionary<string, string> { [FaultInjection.NamespaceVariable] = "1" }, "apply", file, "-q");

        Assert.True(Killed == killed.ExitCode, $"exit {killed.ExitCode}\n{killed.Error}");
        // Namespaces are made two at a time: the other may be mounted too, and must be marked as well, or
        // still be an empty name.
        var mounted = _run.Namespaces().Where(ns => !_run.Sandbox.Namespaces.IsPlaceholder(ns)).ToList();
        Assert.NotEmpty(mounted);
        foreach (var ns in mounted) Assert.Equal("topo:bridge", IpWitness.Link(_run.Sandbox, ns, "lo").GetProperty("ifalias").GetString());
        var apply = _run.Topo("apply", file, "-q");
        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.Equal(0, _run.Topo("plan", file, "--detailed-exitcode").ExitCode);
        Assert.Equal(0, _run.Topo("down", file, "-q").ExitCode);
        Assert.Empty(_run.Namespaces());
    }

    [KernelFact]
    public void Down_of_the_file_removes_an_empty_name_a_killed_create_left_and_down_by_lab_leaves_it()
    {
        var file = LabRun.Example("02-bridge.yaml");
        // What a kill between making the name (open O_EXCL) and mounting the namespace on it leaves.
        File.WriteAllBytes(Path.Combine(_run.Sandbox.Namespaces.Path, "ns2"), []);
        Assert.Contains("Peer netns reference is invalid", ListNamespaces());

        var byLab = _run.Topo("down", "--lab", "bridge");

        Assert.Equal(0, byLab.ExitCode);
        Assert.Equal(["ns2"], _run.Namespaces());

        var down = _run.Topo("down", file);

        Assert.True(down.ExitCode == 0, down.Error);
        Assert.Contains("/ns2", down.Out);
        Assert.Empty(_run.Namespaces());
        Assert.DoesNotContain("invalid", ListNamespaces());
    }

    [KernelFact]
    public void Down_of_the_file_leaves_a_mounted_namespace_of_a_wanted_name_that_is_not_the_labs()
    {
        KernelSandbox.Run("ip", "netns", "add", "ns2");

        var down = _run.Topo("down", LabRun.Example("02-bridge.yaml"));

        Assert.True(down.ExitCode == 0, down.Error);
        Assert.Equal(["ns2"], _run.Namespaces());
    }

    // What a kill leaves between making a pair (the host end marked in the same datagram) and
    // finishing the end placed in the node: no mark, no address, down.
    [KernelFact]
    public void An_end_in_a_lab_namespace_left_unmarked_gets_its_mark_back_and_the_lab_converges() =>
        AssertMarkedAgain(LabRun.Example("02-bridge.yaml"), "bridge", "ns1", "eth0");

    // Likewise between making a macvlan on its parent and marking it in the namespace it was placed in.
    [KernelFact]
    public void A_macvlan_in_a_lab_namespace_left_unmarked_gets_its_mark_back_and_the_lab_converges() =>
        AssertMarkedAgain(LabRun.Example("07-macvlan.yaml"), "macvlan", "box1", "mv0");

    // Likewise between making a vxlan in its underlay and marking it in the node it was placed in.
    [KernelFact]
    public void A_vxlan_in_a_lab_namespace_left_unmarked_gets_its_mark_back_and_the_lab_converges()
    {
        var file = Path.Combine(Path.GetTempPath(), $"topo-vxlan-window-{Guid.NewGuid():n}.yaml");
        File.WriteAllText(file, VxlanTests.Text.Replace("port: 4790, ", ""));
        try
        {
            AssertMarkedAgain(file, "vxl", "va", "vx0");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [KernelFact]
    public void A_hand_made_pair_with_an_end_moved_into_a_lab_namespace_is_not_the_labs()
    {
        var file = LabRun.Example("02-bridge.yaml");
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        _run.Sandbox.Witness("ip", "link", "add", "hand0", "type", "veth", "peer", "name", "hand1");
        _run.Sandbox.Witness("ip", "link", "set", "hand1", "netns", "ns1");

        var apply = _run.Topo("apply", file);
        var plan = _run.Topo("plan", file, "--detailed-exitcode");

        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.DoesNotContain("hand", apply.Out);
        Assert.True(plan.ExitCode == 0, plan.Out + plan.Error);
        Assert.Contains("hand0", IpWitness.Links(_run.Sandbox).Keys);
        Assert.Contains("hand1", IpWitness.Links(_run.Sandbox, "ns1").Keys);
        var down = _run.Topo("down", file);
        Assert.True(down.ExitCode == 0, down.Error);
        // Deleting ns1 takes the pair with it (the kernel's doing); down itself never named it.
        Assert.DoesNotContain("hand", down.Out);
    }

    private void AssertMarkedAgain(string file, string lab, string ns, string device)
    {
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        var addresses = IpWitness.Addresses(_run.Sandbox, ns, device);
        KernelSandbox.Run("ip", "-n", ns, "addr", "flush", "dev", device);
        KernelSandbox.Run("ip", "-n", ns, "link", "set", device, "down", "alias", "");

        var apply = _run.Topo("apply", file, "-q");

        Assert.True(apply.ExitCode == 0, apply.Error);
        var plan = _run.Topo("plan", file, "--detailed-exitcode");
        Assert.True(plan.ExitCode == 0, plan.Out + plan.Error);
        Assert.Equal($"topo:{lab}", IpWitness.Link(_run.Sandbox, ns, device).GetProperty("ifalias").GetString());
        Assert.Equal(addresses, IpWitness.Addresses(_run.Sandbox, ns, device));
    }

    private static string ListNamespaces()
    {
        var start = new System.Diagnostics.ProcessStartInfo("ip", ["netns", "list"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var done = FinishedProcess.Run(start);
        return done.Out + done.Error;
    }
}
