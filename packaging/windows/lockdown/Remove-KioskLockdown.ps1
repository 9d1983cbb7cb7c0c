#Requires -RunAsAdministrator
<#
.SYNOPSIS
    Undo Set-ShellLauncher.ps1 or Set-ProKiosk.ps1: the PC signs in normally again.

.DESCRIPTION
    Removes the Shell Launcher configuration (Assigned Access CSP and WESL_UserSetting
    alike), the logon task, auto-logon of the kiosk account (and its LSA secret), the
    account's policies, the edge-swipe policy and the Keyboard Filter keys this kit blocked.
    The account itself stays unless -RemoveAccount. The uninstaller runs it with
    -KeepAccount, as LocalSystem, so that an uninstalled kiosk never leaves an account
    signing in to a shell that no longer exists. Safe to run when nothing was set.

.PARAMETER Account
    Name of the local kiosk account. Default: kiosk.

.PARAMETER RemoveAccount
    Also delete the account and its profile (its data and its Credential Manager, holding
    the device token, go with it).

.PARAMETER KeepAccount
    Keep the account (the default; explicit for the uninstaller).

.PARAMETER Quiet
    Log only to %ProgramData%\passculture-kiosk\Logs\lockdown.log.
#>
param(
    [ValidatePattern('^[^\\/"\[\]:;|=,+*?<>@]{1,20}$')]
    [string] $Account = 'kiosk',
    [switch] $RemoveAccount,
    [switch] $KeepAccount,
    [switch] $Quiet
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'KioskLockdown.psm1') -Force

$user = Get-LocalUser -Name $Account -ErrorAction SilentlyContinue
$sid = if ($user) { $user.SID.Value } else { $null }

# Shell Launcher v2 (Assigned Access CSP): clear the configuration when this kit set it.
if (Get-CimClass -Namespace 'root\cimv2\mdm\dmmap' -ClassName 'MDM_AssignedAccess' -ErrorAction SilentlyContinue) {
    $clear = @'
$bridge = Get-CimInstance -Namespace 'root\cimv2\mdm\dmmap' -ClassName 'MDM_AssignedAccess'
if ($bridge.ShellLauncher -and [System.Net.WebUtility]::HtmlDecode($bridge.ShellLauncher) -match 'pass Culture kiosk') {
    $bridge.ShellLauncher = $null
    Set-CimInstance -CimInstance $bridge | Out-Null
    'cleared'
}
'@
    try {
        if ((Invoke-AsSystem -Script $clear) -match 'cleared') {
            Write-KioskLog 'Shell Launcher v2 configuration removed' -Quiet:$Quiet
        }
    } catch {
        Write-KioskLog "could not clear the Shell Launcher v2 configuration: $($_.Exception.Message)" -Quiet:$Quiet
    }
}

# Shell Launcher through WESL_UserSetting (-Legacy).
$shell = Get-CimClass -Namespace 'root\standardcimv2\embedded' -ClassName 'WESL_UserSetting' -ErrorAction SilentlyContinue
if ($shell -and $sid) {
    Invoke-CimMethod -CimClass $shell -MethodName RemoveCustomShell -Arguments @{ Sid = $sid } -ErrorAction SilentlyContinue | Out-Null
    Write-KioskLog "Shell Launcher custom shell of $Account removed" -Quiet:$Quiet
}

# The Pro fallback's logon task.
if (Get-ScheduledTask -TaskName 'kiosk' -TaskPath '\passculture-kiosk\' -ErrorAction SilentlyContinue) {
    Unregister-ScheduledTask -TaskName 'kiosk' -TaskPath '\passculture-kiosk\' -Confirm:$false
    Write-KioskLog 'logon task \passculture-kiosk\kiosk removed' -Quiet:$Quiet
}

Remove-KioskAutoLogon -Name $Account -Quiet:$Quiet
if ($sid) { Remove-KioskUserPolicies -Sid $sid -Name $Account -Quiet:$Quiet }
Remove-KioskMachinePolicies -Quiet:$Quiet
Disable-KioskKeyboardFilter -Quiet:$Quiet

if ($RemoveAccount -and -not $KeepAccount -and $user) {
    $userProfile = Get-CimInstance -ClassName Win32_UserProfile | Where-Object { $_.SID -eq $sid }
    if ($userProfile) { Remove-CimInstance -InputObject $userProfile }
    Remove-LocalUser -Name $Account
    Write-KioskLog "account $Account and its profile deleted" -Quiet:$Quiet
}
Write-KioskLog 'kiosk lockdown removed: restart the PC' -Quiet:$Quiet
