using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Execute;

namespace Topo.Linux.Tests.Execute;

/// <summary>Apply, undo, verification and down, against a simulated kernel: the reconciler's decisions without a kernel.</summary>
public sealed class ReconcilerTests
{
    private const string Lab = "lab";

    private static readonly SysctlResource Forwarding = new(Netns.Host, "net.ipv4.ip_forward", "1");

    private static readonly AddressResource AddressOfB = new("b", "eth0", "10.0.0.2/24");

    // Two nodes on one link, and forwarding on the host; node a is there already, and forwarding is off.
    // The plan: create netns b, the veth, a's address, b's address, then set forwarding (5 steps).
    private static readonly LabState Desired = new(Lab,
    [
        new NamespaceResource("a"),
        new NamespaceResource("b"),
        VethResource.Of(new LinkEnd("a", "eth0"), new LinkEnd("b", "eth0")),
        new AddressResource("a", "eth0", "10.0.0.1/24"),
        AddressOfB,
        Forwarding,
    ]);

    private static readonly NamespaceResource Foreign = new("other");

    private static readonly Resource[] Before = [new NamespaceResource("a") { Owner = Lab }, Forwarding with { Value = "0" }];

    [Fact]
    public void Apply_carries_out_the_plan_then_reads_again_and_settles_the_records()
    {
        var kernel = new SimulatedLabKernel(Lab, Before);
        var observer = new RecordingObserver();

        var plan = new Reconciler(kernel).Apply(Desired, observer);

        Assert.Equal(Steps(Planner.Plan(Desired, new LabState(Lab, [.. Before])).Plan.Steps), Steps(plan.Steps));
        Assert.Equal(plan.Steps, kernel.Executed);
        Assert.Empty(Planner.Plan(Desired, kernel.State).Plan.Steps);
        Assert.Equal(["read", "record attached", "execute 5 steps", "read", "settle attached", "hold sysctls"], kernel.Calls);
        Assert.Equal(Enumerable.Range(1, 5).SelectMany(i => new[] { $"starting {i}/5", $"done {i}/5" }), observer.Told);
    }

    [Fact]
    public void Apply_with_nothing_to_do_reads_once_and_settles_the_records()
    {
        var kernel = new SimulatedLabKernel(Lab, Before);
        new Reconciler(kernel).Apply(Desired, new RecordingObserver());
        kernel.Calls.Clear();

        var plan = new Reconciler(kernel).Apply(Desired, new RecordingObserver());

        Assert.True(plan.IsEmpty);
        Assert.Equal(["read", "settle attached", "hold sysctls"], kernel.Calls);
    }

    [Fact]
    public void A_refused_step_undoes_the_steps_before_it_in_reverse_and_says_so()
    {
        var kernel = new SimulatedLabKernel(Lab, Before) { RefusedStep = 3 };
        var observer = new RecordingObserver();

        var e = Assert.Throws<ApplyFailedException>(() => new Reconciler(kernel).Apply(Desired, observer));

        Assert.Equal(4, e.Number);
        Assert.Equal(AddressOfB.Key, e.Step.Key);
        Assert.Equal(
            "step 4 failed (create address 10.0.0.2/24 on b:eth0): creating address 10.0.0.2/24 on b:eth0: File exists\n" +
            "the kernel was put back as it was before this run", e.Message);
        var done = kernel.Executed[..3];
        var undo = kernel.Executed[3..];
        Assert.NotEmpty(undo);
        Assert.Equal(UndoneInReverse(done, undo), undo.Select(s => s.Key));
        Assert.Equal(Keys(Before), Keys(kernel.State.Resources));
        Assert.Contains($"rolling back {undo.Count} after address 10.0.0.2/24 on b:eth0", observer.Told);
        Assert.DoesNotContain("settle attached", kernel.Calls);
    }

    [Fact]
    public void Undo_deletes_what_the_run_made_in_the_reverse_of_the_order_it_was_made_in()
    {
        // Both nodes there already: the run makes a bridge, a veth with one end in it, and two addresses.
        var desired = new LabState(Lab,
        [
            new NamespaceResource("a"),
            new NamespaceResource("b"),
            new BridgeResource(new LinkEnd("a", "br0")),
            VethResource.Of(new LinkEnd("a", "eth0", Master: "br0"), new LinkEnd("b", "eth0")),
            new AddressResource("a", "br0", "10.0.0.1/24"),
            AddressOfB,
            Forwarding,
        ]);
        Resource[] before = [new NamespaceResource("a") { Owner = Lab }, new NamespaceResource("b") { Owner = Lab }, Forwarding with { Value = "0" }];
        var kernel = new SimulatedLabKernel(Lab, before) { RefusedStep = 4 };

        Assert.Throws<ApplyFailedException>(() => new Reconciler(kernel).Apply(desired, new RecordingObserver()));

        var done = kernel.Executed[..4];
        var undo = kernel.Executed[4..];
        Assert.True(undo.Count >= 2, string.Join(", ", undo.Select(s => s.Key)));
        Assert.Equal(UndoneInReverse(done, undo), undo.Select(s => s.Key));
        Assert.Equal(Keys(before), Keys(kernel.State.Resources));
    }

    [Fact]
    public void A_refused_step_after_a_changed_setting_puts_the_setting_back()
    {
        var ttl = new SysctlResource(Netns.Host, "net.ipv4.ip_default_ttl", "65");
        var desired = Desired with { Resources = Desired.Resources.Add(ttl) };
        Resource[] before = [.. Before, ttl with { Value = "64" }];
        var kernel = new SimulatedLabKernel(Lab, before) { RefusedStep = 5 };

        var e = Assert.Throws<ApplyFailedException>(() => new Reconciler(kernel).Apply(desired, new RecordingObserver()));

        var changed = kernel.Executed[4];
        Assert.Equal(ChangeAction.Update, changed.Action);
        Assert.IsType<SysctlResource>(changed.After);
        Assert.Contains(kernel.Executed[5..], s => s.Key == changed.Key && s.Action == ChangeAction.Update);
        Assert.Equal(
            before.OfType<SysctlResource>().Select(s => (s.Name, s.Value)).Order(),
            kernel.State.Resources.OfType<SysctlResource>().Select(s => (s.Name, s.Value)).Order());
        Assert.EndsWith("the kernel was put back as it was before this run", e.Message);
    }

    [Fact]
    public void An_undo_step_the_kernel_refuses_is_told_with_the_failed_step()
    {
        var kernel = new SimulatedLabKernel(Lab, Before) { RefusedStep = 3, RefusedAlone = s => s.Key == new NamespaceResource("b").Key };

        var e = Assert.Throws<ApplyFailedException>(() => new Reconciler(kernel).Apply(Desired, new RecordingObserver()));

        Assert.EndsWith("\nundoing this run's changes also failed:\n  deleting netns b: Device or resource busy", e.Message);
        Assert.Equal(["deleting netns b: Device or resource busy"], e.RollbackErrors);
    }

    [Fact]
    public void A_run_whose_result_reads_back_different_is_undone_and_the_difference_told()
    {
        var kernel = new SimulatedLabKernel(Lab, Before) { Lost = r => r == AddressOfB with { Owner = Lab } };
        var observer = new RecordingObserver();

        var e = Assert.Throws<VerificationFailedException>(() => new Reconciler(kernel).Apply(Desired, observer));

        Assert.StartsWith(VerificationFailedException.Heading, e.Message);
        Assert.Contains(e.Remaining.Plan.Steps, s => s.Subject.Describe().Contains("10.0.0.2/24"));
        Assert.EndsWith("the kernel was put back as it was before this run", e.Message);
        Assert.Equal(Keys(Before), Keys(kernel.State.Resources));
        Assert.Contains(observer.Told, t => t.StartsWith("rolling back ") && t.EndsWith(" after none"));
        Assert.Equal(["read", "record attached", "execute 5 steps", "read", "read"], kernel.Calls.Where(c => !c.StartsWith("execute 1") && c != "wait until gone"));
    }

    [Fact]
    public void A_run_that_leaves_an_object_reading_back_as_anothers_does_not_verify()
    {
        var kernel = new SimulatedLabKernel(Lab, Before) { Unmarked = r => r is AddressResource { Ns.Id: "a" } };

        var e = Assert.Throws<VerificationFailedException>(() => new Reconciler(kernel).Apply(Desired, new RecordingObserver()));

        Assert.Contains(e.Remaining.Conflicts, c => c.Message.StartsWith("address 10.0.0.1/24 on a:eth0 already exists and is not owned by this lab; it is in the way of address 10.0.0.1/24 on a:eth0", StringComparison.Ordinal));
        Assert.EndsWith("the kernel was put back as it was before this run", e.Message);
        Assert.DoesNotContain("settle attached", kernel.Calls);
        Assert.DoesNotContain(kernel.State.Resources, r => r.Key == AddressOfB.Key);
    }

    [Fact]
    public void A_signal_during_apply_stops_it_after_the_step_under_way_and_undoes_the_run()
    {
        using var signal = new CancellationTokenSource();
        var kernel = new SimulatedLabKernel(Lab, Before);
        var observer = new RecordingObserver { OnDone = n => { if (n == 2) signal.Cancel(); } };

        var e = Assert.Throws<RunInterruptedException>(() => new Reconciler(kernel, interrupt: signal.Token).Apply(Desired, observer));

        Assert.Equal("stopped after 2 of 5 steps; the kernel was put back as it was before this run", e.Message);
        Assert.Equal(Keys(Before), Keys(kernel.State.Resources));
        Assert.DoesNotContain("starting 3/5", observer.Told);
        Assert.Contains(observer.Told, t => t.StartsWith("rolling back ") && t.EndsWith(" after none"));
    }

    [Fact]
    public void A_signal_before_apply_changes_nothing()
    {
        using var signal = new CancellationTokenSource();
        signal.Cancel();
        var kernel = new SimulatedLabKernel(Lab, Before);

        var e = Assert.Throws<RunInterruptedException>(() => new Reconciler(kernel, interrupt: signal.Token).Apply(Desired, new RecordingObserver()));

        Assert.Equal("stopped after 0 of 5 steps; nothing was changed", e.Message);
        Assert.Equal(["read"], kernel.Calls);
    }

    [Fact]
    public void Down_deletes_what_the_lab_owns_leaves_the_rest_and_forgets_the_lab()
    {
        var kernel = Applied();

        var plan = new Reconciler(kernel).Down(new RecordingObserver());

        Assert.Equal(plan.Steps, kernel.Executed);
        Assert.Equal([Foreign.Key], Keys(kernel.State.Resources));
        Assert.Equal(["read owned", $"execute {plan.Steps.Length} steps", "wait until gone", "forget lab"], kernel.Calls);
    }

    [Fact]
    public void Down_stops_at_a_refused_step_undoes_nothing_and_says_to_run_it_again()
    {
        var kernel = Applied(refusedStep: 1);

        var e = Assert.Throws<ApplyFailedException>(() => new Reconciler(kernel).Down(new RecordingObserver()));

        Assert.Equal(2, e.Number);
        Assert.EndsWith("\ndown stopped here; run it again to finish", e.Message);
        Assert.True(e.Aftermath.LeftForNextRun);
        Assert.Empty(e.RollbackErrors);
        Assert.Single(kernel.Executed);
        Assert.DoesNotContain("forget lab", kernel.Calls);
    }

    [Fact]
    public void A_signal_during_down_stops_it_there()
    {
        using var signal = new CancellationTokenSource();
        var kernel = Applied();
        var observer = new RecordingObserver { OnDone = _ => signal.Cancel() };

        var e = Assert.Throws<RunInterruptedException>(() => new Reconciler(kernel, interrupt: signal.Token).Down(observer));

        Assert.StartsWith("stopped after 1 of ", e.Message);
        Assert.EndsWith("; down stopped here; run it again to finish", e.Message);
        Assert.Single(kernel.Executed);
        Assert.DoesNotContain("forget lab", kernel.Calls);
    }

    // The kernel after an apply of the lab: every object marked as the lab's, forwarding set; and another's namespace.
    private static SimulatedLabKernel Applied(int? refusedStep = null)
    {
        var applied = new SimulatedLabKernel(Lab, [.. Before, Foreign]);
        new Reconciler(applied).Apply(Desired, new RecordingObserver());
        return new SimulatedLabKernel(Lab, applied.State.Resources) { RefusedStep = refusedStep };
    }

    // The keys of the done steps that the undo steps take back, latest first; an undo step that takes
    // back no done step, or one out of order, is kept out, so that the comparison fails.
    private static List<ResourceKey> UndoneInReverse(List<Change> done, List<Change> undo)
    {
        var at = done.Count;
        var keys = new List<ResourceKey>();
        foreach (var step in undo)
        {
            var i = done.FindLastIndex(at - 1, d => d.Key == step.Key && d.Action == Inverse(step.Action));
            if (i < 0) continue;
            at = i;
            keys.Add(step.Key);
        }

        return keys;
    }

    private static ChangeAction Inverse(ChangeAction action) => action switch
    {
        ChangeAction.Delete => ChangeAction.Create,
        ChangeAction.Create => ChangeAction.Delete,
        _ => action,
    };

    private static List<(ChangeAction, ResourceKey)> Steps(IEnumerable<Change> steps) => [.. steps.Select(s => (s.Action, s.Key))];

    private static List<ResourceKey> Keys(IEnumerable<Resource> resources) => [.. resources.Select(r => r.Key).Order()];
}
