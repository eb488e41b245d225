using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Nftables;
using Topo.Linux.Rtnl;
using Topo.Linux.Namespaces;
using Topo.Core.Kinds;

namespace Topo.Linux.Execute;

/// <summary>
/// Carries out one plan step: a replacement is a deletion then a creation, and a creation that
/// keeps a <see cref="Change.Before"/> (an object destroyed along with another) only creates.
/// A failure is reported with the step's object in front of the kernel's words.
/// </summary>
internal sealed class StepRunner(NamespacePool pool, NamespaceSteps namespaces, LinkSteps links, SysctlSteps sysctls)
{
    public void Run(Change step)
    {
        try
        {
            switch (step.Action)
            {
                case ChangeAction.Create: Create(step.After!); break;
                case ChangeAction.Update: Update(step); break;
                case ChangeAction.Replace:
                    Delete(step.Before!);
                    Create(step.After!);
                    break;
                case ChangeAction.Delete: Delete(step.Before!); break;
            }
        }
        catch (Exception e) when (Blame(step, e) is { } blamed)
        {
            throw blamed;
        }
    }

    /// <summary>A failure told as the step's (its verb and object in front), or null when it is not the kind a step reports.</summary>
    public static KernelException? Blame(Change step, Exception e) => e switch
    {
        KernelException k => new KernelException($"{Verb(step.Action)} {step.Subject.Describe()}: {k.Context}", k.Errno, k.KernelMessage, k),
        ArgumentException or FormatException or IOException => new KernelException($"{Verb(step.Action)} {step.Subject.Describe()}", 0, e.Message, e),
        _ => null,
    };

    private void Create(Resource resource)
    {
        switch (resource)
        {
            case NamespaceResource n: namespaces.Create(n.Name); break;
            case BridgeResource b: links.CreateBridge(b); break;
            case VethResource v: links.CreateVeth(v); break;
            case MacvlanResource m: links.CreateMacvlan(m); break;
            case AddressResource a: pool.In(a.Ns).Client.Apply(b => b.AddAddress(a.Device, a.Cidr)); break;
            // Replace rather than add: a route the kernel made for a subnet (not compared) must not make this fail.
            case RouteResource r: pool.In(r.Ns).Client.Apply(b => b.ReplaceRoute(Spec(r))); break;
            case SysctlResource s: sysctls.Write(s); break;
            case NftTableResource t: pool.Nft(t.Ns).Apply(t); break;
            default: throw new ArgumentException($"topo does not make a {resource.GetType().Name}");
        }
    }

    private void Update(Change step)
    {
        switch (step.After)
        {
            // Its only attribute is the loopback's state.
            case NamespaceResource n: pool.In(n.Name).Client.Apply(b => b.SetUp("lo", true)); break;
            case BridgeResource b: links.UpdateDevice(b.Device, step.Attrs); break;
            case MacvlanResource m: links.UpdateDevice(m.Device, step.Attrs); break;
            case VethResource v: links.UpdateVeth(v, step.Attrs); break;
            case RouteResource r: pool.In(r.Ns).Client.Apply(b => b.ReplaceRoute(Spec(r))); break;
            case SysctlResource s: sysctls.Write(s); break;
            case NftTableResource t: pool.Nft(t.Ns).Apply(t); break;
            default: throw new ArgumentException($"a {step.After?.GetType().Name} cannot be changed in place");
        }
    }

    private void Delete(Resource resource)
    {
        switch (resource)
        {
            case NamespaceResource n: namespaces.Delete(n.Name); break;
            case BridgeResource b: links.Delete(b.Device); break;
            // The pair goes together.
            case VethResource v: links.Delete(v.A); break;
            case OtherLinkResource o: links.Delete(o.Device); break;
            case MacvlanResource m: links.Delete(m.Device); break;
            case AddressResource a: pool.In(a.Ns).Client.Apply(b => b.DeleteAddress(a.Device, a.Cidr)); break;
            // Outside the lab's namespaces a route of the same destination made by hand may sit beside the lab's.
            case RouteResource r: pool.In(r.Ns).Client.Apply(b => b.DeleteRoute(Spec(r) with { MarkedOnly = !Netns.IsNamed(r.Ns) })); break;
            case SysctlResource s: sysctls.Release(s); break;
            case NftTableResource t: pool.In(t.Ns).NftDeleter.Delete(t.Table); break;
            default: throw new ArgumentException($"topo does not delete a {resource.GetType().Name}");
        }
    }

    private static RouteSpec Spec(RouteResource route) => new(route.To, route.Via, route.Device);

    private static string Verb(ChangeAction action) => action switch
    {
        ChangeAction.Create => "creating",
        ChangeAction.Update => "changing",
        ChangeAction.Replace => "replacing",
        _ => "deleting",
    };
}
