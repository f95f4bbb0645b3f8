import { describeDemo } from './scenarios/describeDemo.js'

describeDemo('react')
