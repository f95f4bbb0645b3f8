import { describeRelayWalletFlow } from './scenarios/describeRelayWalletFlow.js'

describeRelayWalletFlow('react')
describeRelayWalletFlow('vue')
