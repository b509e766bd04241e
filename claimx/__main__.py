from claimx.cli.app import main

main()
